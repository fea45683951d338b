"""Editorial roles: Editors (per journal, no publishing), Managing editors, Marketing, and
the "Special issue review" moderation workflow assigned to every journal.

See ``special_issues.admin.roles`` for what each group may do. Idempotent and reversible:
reversing gives the Editors group back Wagtail's default tree-wide add/edit rights.
"""

from django.db import migrations


def install(apps, schema_editor):
    from special_issues.admin.roles import install_editorial_roles

    install_editorial_roles(apps)


def uninstall(apps, schema_editor):
    from special_issues.admin.roles import uninstall_editorial_roles

    uninstall_editorial_roles(apps)


class Migration(migrations.Migration):

    dependencies = [
        ("special_issues", "0003_batched_chooser_blocks"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # After Wagtail's own data migrations (e.g. the choose permissions they hand out to
        # every group with admin access), so the result does not depend on their order.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
