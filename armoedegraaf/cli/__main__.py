"""`python -m armoedegraaf.cli`: the same command as the installed `armoedegraaf` script."""

from armoedegraaf.cli import main

main()
