"""`python -m newslint`, the same as the `newslint` command."""
from newslint.cli import entry

entry()
