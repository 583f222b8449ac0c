"""The zoo: AI-safety framework diagrams (filled in by the zoo issue)."""
