"""Run unitcheck as ``python -m unitcheck``."""

from .cli import run

if __name__ == "__main__":
    run()
