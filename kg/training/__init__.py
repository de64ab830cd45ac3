"""The recipe that trains kg's bundled English pipeline (see training/README.md)."""
