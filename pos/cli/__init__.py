"""The `pos` command line (argparse): parsing, and the commands that need no window."""
