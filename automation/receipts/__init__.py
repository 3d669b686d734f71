"""Payment receipts: GST arithmetic, and the PDF rendered from a Jinja template through WeasyPrint."""
