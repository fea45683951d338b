"""The GraphQL gateway: Grapple's schema plus our root queries, limits and error handling."""
