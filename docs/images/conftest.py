"""The picture scripts are not collected as doctest modules.

Every folder of ``docs/images`` has its own ``make_images.py``; as doctest modules they would
clash on their common basename (and they hold no doctests: their drift tests are in
``tests/``).
"""

collect_ignore_glob = ["*/make_images.py"]
