"""Names for stored files that nobody can guess: drafts' files live in public /media/ too."""

import os
import secrets


def random_name(folder, extension):
    """`<folder>/<32 random hex characters><extension>`, e.g. „forums/photos/3f…a9.jpg“."""
    return f"{folder}/{secrets.token_hex(16)}{extension}"


def random_folder(folder, filename):
    """`<folder>/<32 random hex characters>/<filename>`: keeps a readable file name behind an unguessable folder."""
    name = f"{secrets.token_hex(16)}/{os.path.basename(filename)}"
    return f"{folder}/{name}" if folder else name
