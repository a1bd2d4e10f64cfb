"""What the tests and the benchmarks share: fixtures they make, never part of the app.

bench/ imports nothing from tests/, so what both need lives here."""
