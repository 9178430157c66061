"""``python -m communique``: the command line."""

from communique.cli import app

app(prog_name="communique")
