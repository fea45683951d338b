"""The special issues app's Wagtail admin: listing, dashboard panels, forms, roles, snippets.

Registered from ``special_issues/wagtail_hooks.py``. Nothing here runs at import time (Django's
admin autodiscovery imports this package), and no module imports the models at module level
except where the models do not import it back.
"""
