"""The PDF handout and the results exports (reportlab, Qt-free)."""
