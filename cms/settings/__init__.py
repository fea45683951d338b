"""Settings for the Special Issues CMS host site, split base / dev / test / production."""
