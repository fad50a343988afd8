"""Import and export formats. Uses store and domain only."""
