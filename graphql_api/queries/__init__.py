"""Root queries the gateway adds to Grapple's schema."""
