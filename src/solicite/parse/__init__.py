"""Parse free-text references into Reference objects."""
