"""`python -m scorer`: the same command line as the `scorer` script."""

from .cli import main

if __name__ == "__main__":
    main()
