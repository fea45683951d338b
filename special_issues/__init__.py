"""Special issues: the content model for academic journals' calls for papers."""
