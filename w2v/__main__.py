"""`python -m w2v`: train on a text file and write the seed's output files."""
import sys

from .cli import main

sys.exit(main())
