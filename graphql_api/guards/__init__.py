"""Guards on the generic parts of the schema that Grapple builds.

Grapple gives every page, image, document, site and block type fields that answer with
whatever the database holds. These guards keep its schema as it is (the public contract)
and change only what it returns or accepts:

* ``order``: each ``order`` argument takes only allow-listed field names, checked before
  anything reaches the database (``OrderAllowListMiddleware``).
* ``pages``: ``PublicPageInterface``, Grapple's ``PageInterface`` whose ``parent``,
  ``children``, ``siblings``, ``descendants`` and ``ancestors`` show only public pages
  (``GRAPPLE["PAGE_INTERFACE"]``).
* ``visibility``: ``VisibilityMiddleware``, for the other fields that reach pages, media,
  snippets or raw stored values (aliases, sites, redirects, chooser blocks, ``rawValue``,
  rich text, draft titles, collections).

Nothing is imported here: Grapple imports ``pages`` while it builds its types, before
the rest of the gateway may be imported.
"""
