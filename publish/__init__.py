"""Stage 5, publish: the datasets (`export/`) and the HTML/PDF report (`report/`) built from the store."""
