"""Reading rule packs, the catalogue and facts files; every error names file, line and field."""
