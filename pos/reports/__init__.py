"""Owner reports: read models to reportlab PDFs and CSV."""
