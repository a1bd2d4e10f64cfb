"""Impuls: present Markdown slide decks, run live audience polls, export a PDF handout."""

__version__ = "0.1.0"
