"""What the tests and the benchmarks share: the running server, the phone in Chromium,
the app's helpers, the decks and PDFs the tests make. Nothing here imports another
test module (import-linter checks it), so any test and bench/ may import from here."""
