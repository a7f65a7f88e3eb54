"""Run the command-line interface as ``python -m solicite``."""

from solicite.cli.main import main

if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    main()
