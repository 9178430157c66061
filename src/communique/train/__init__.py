"""Training communique's statistical parts; never imported at run time."""
