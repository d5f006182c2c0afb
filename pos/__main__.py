"""`python -m pos`: the same as the `pos` console script."""

from pos.app import main

if __name__ == "__main__":
    main()
