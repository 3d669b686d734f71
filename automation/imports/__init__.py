"""Lead imports from CSV files: reading and validating rows (pure), then loading them (workflows)."""
