"""`python -m newslint`, the same as the `newslint` command."""
from newslint.cli import main

main(prog_name="newslint")
