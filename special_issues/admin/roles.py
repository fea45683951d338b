"""Editorial roles: who may do what in the admin, as Django groups and Wagtail permissions.

* **Editors** — every editor: admin access, people (add, change), images and documents
  (add, change, choose in the root collection, as Wagtail's defaults). *No page
  permission of its own*: Wagtail's initial data gave this group add/edit over the whole
  tree; that is removed, so an editor reaches only the journals they are granted.
* **Editors — <journal title>** — one group per journal: add and edit pages under that
  journal (its special issues, and the journal page itself). No publish permission:
  publishing goes through the journal's moderation workflow. A journal editor belongs to
  both groups (:func:`grant_journal_editor`, or tick both in Settings → Users).
* **Managing editors** — add, edit, publish, lock and unlock over the whole tree, people,
  images and documents; they approve the "Special issue review" workflow's task.
* **Marketing** — reusable content only (add, change, delete, publish, lock, unlock);
  no page permission.

The **Special issue review** workflow (one group approval task for Managing editors) is
assigned to every journal page, so it applies to the journal and its issues.

The functions take an app registry so the data migration can run them on historical
models; at run time they default to the live registry. All of them are idempotent.
"""

from django.apps import apps as global_apps

EDITORS = "Editors"
MANAGING_EDITORS = "Managing editors"
MARKETING = "Marketing"
JOURNAL_EDITORS_PREFIX = "Editors — "
REVIEW_WORKFLOW = "Special issue review"
REVIEW_TASK = "Managing editor approval"

# What Wagtail's initial data gave the Editors group over the tree root (restored on reversal).
WAGTAIL_DEFAULT_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
JOURNAL_EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
MANAGING_EDITOR_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
# Over the root collection, as Wagtail's initial data gives Editors and Moderators.
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
PERSON_PERMISSIONS = ("add_person", "change_person", "view_person")
REUSABLE_CONTENT_PERMISSIONS = (
    "add_reusablecontent",
    "change_reusablecontent",
    "delete_reusablecontent",
    "view_reusablecontent",
    "publish_reusablecontent",
    "lock_reusablecontent",
    "unlock_reusablecontent",
)
# Django creates model permissions (and Wagtail its publish/lock ones) after migrating;
# a data migration on a fresh database must create the rows it grants.
PERMISSION_NAMES = {
    "add": "Can add",
    "change": "Can change",
    "delete": "Can delete",
    "view": "Can view",
    "publish": "Can publish",
    "lock": "Can lock",
    "unlock": "Can unlock",
    "choose": "Can choose",
}
VERBOSE_NAMES = {"person": "person", "reusablecontent": "reusable content"}


def _grant_media(apps, group) -> None:
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for app_label, codename in MEDIA_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(apps, app_label, codename)
        )


def _permission(apps, app_label: str, codename: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    action, model = codename.split("_", 1)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={
            "name": f"{PERMISSION_NAMES.get(action, 'Can')} {VERBOSE_NAMES.get(model, model)}"
        },
    )
    return permission


def _admin_access(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    return permission


def _grant_pages(apps, group, page, codenames) -> None:
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission(apps, "wagtailcore", codename)
        )


def _tree_root(apps):
    Page = apps.get_model("wagtailcore", "Page")
    return Page.objects.filter(depth=1).order_by("path").first()


def review_workflow(apps=global_apps):
    """The "Special issue review" workflow and its one task, created if missing."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        # Set explicitly: historical models do not fill in the task's content type.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK, content_type=content_type, active=True
        )
    task.groups.add(Group.objects.get_or_create(name=MANAGING_EDITORS)[0])

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def journal_editors_group(journal, apps=global_apps):
    """The group of ``journal``'s editors (the one holding page permissions on it), or None."""
    Group = apps.get_model("auth", "Group")
    return (
        Group.objects.filter(
            name__startswith=JOURNAL_EDITORS_PREFIX, page_permissions__page_id=journal.pk
        )
        .order_by("pk")
        .first()
    )


def ensure_journal_roles(journal, apps=global_apps):
    """Create ``journal``'s editors group and assign it the review workflow; return the group.

    An existing group keeps its name; a workflow an administrator already assigned to the
    journal is left in place.
    """
    Group = apps.get_model("auth", "Group")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    group = journal_editors_group(journal, apps)
    if group is None:
        name = f"{JOURNAL_EDITORS_PREFIX}{journal.title}"[:150]
        if Group.objects.filter(name=name).exists():
            # Two journals with the same title: tell their groups apart by page id.
            name = f"{name[:135]} (#{journal.pk})"
        group = Group.objects.create(name=name)
    _grant_pages(apps, group, journal, JOURNAL_EDITOR_PAGE_PERMISSIONS)
    WorkflowPage.objects.get_or_create(
        page_id=journal.pk, defaults={"workflow": review_workflow(apps)}
    )
    return group


def install_editorial_roles(apps=global_apps) -> None:
    """Create the groups, permissions and workflow described above (idempotent)."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    JournalPage = apps.get_model("special_issues", "JournalPage")
    admin_access = _admin_access(apps)
    person_permissions = [_permission(apps, "special_issues", c) for c in PERSON_PERMISSIONS]
    root = _tree_root(apps)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(admin_access, *person_permissions)
    _grant_media(apps, editors)
    # Editors reach pages only through their journals' groups.
    GroupPagePermission.objects.filter(group=editors).delete()

    managing, _ = Group.objects.get_or_create(name=MANAGING_EDITORS)
    managing.permissions.add(admin_access, *person_permissions)
    _grant_media(apps, managing)
    if root is not None:
        _grant_pages(apps, managing, root, MANAGING_EDITOR_PAGE_PERMISSIONS)

    marketing, _ = Group.objects.get_or_create(name=MARKETING)
    marketing.permissions.add(
        admin_access,
        *[_permission(apps, "special_issues", c) for c in REUSABLE_CONTENT_PERMISSIONS],
    )

    review_workflow(apps)
    for journal in JournalPage.objects.order_by("path"):
        ensure_journal_roles(journal, apps)


def uninstall_editorial_roles(apps=global_apps) -> None:
    """Undo :func:`install_editorial_roles`, giving Editors back Wagtail's default rights.

    The workflow is deleted only if nothing was ever moderated with it; otherwise it is
    deactivated, so the moderation history survives.
    """
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Permission = apps.get_model("auth", "Permission")

    workflow = Workflow.objects.filter(name=REVIEW_WORKFLOW).first()
    if workflow is not None:
        WorkflowPage.objects.filter(workflow=workflow).delete()
        if WorkflowState.objects.filter(workflow=workflow).exists():
            Workflow.objects.filter(pk=workflow.pk).update(active=False)
            GroupApprovalTask.objects.filter(name=REVIEW_TASK).update(active=False)
        else:
            workflow.delete()
            GroupApprovalTask.objects.filter(name=REVIEW_TASK).delete()

    Group.objects.filter(name__startswith=JOURNAL_EDITORS_PREFIX).delete()
    Group.objects.filter(name__in=[MANAGING_EDITORS, MARKETING]).delete()

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="special_issues", codename__in=PERSON_PERMISSIONS
            )
        )
        root = _tree_root(apps)
        if root is not None:
            _grant_pages(apps, editors, root, WAGTAIL_DEFAULT_EDITOR_PAGE_PERMISSIONS)


def grant_journal_editor(user, journal):
    """Make ``user`` an editor of ``journal`` (both groups); return the journal's group."""
    from django.contrib.auth.models import Group

    group = ensure_journal_roles(journal)
    user.groups.add(Group.objects.get_or_create(name=EDITORS)[0], group)
    return group
