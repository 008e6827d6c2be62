"""The official table published as files (xlsx, CSV, PDF), complete or not at all."""
