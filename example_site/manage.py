#!/usr/bin/env python
import os
import sys

# Commands that read the code and write files, never serve, sign or send anything: they may
# run without a SECRET_KEY (a throwaway key is used), so `makemigrations --check` works in a
# plain shell. Everything else, `check` included, still needs DEBUG=1 or a real key.
KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate", "makemessages", "compilemessages"}

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in KEYLESS_COMMANDS:
        os.environ.setdefault("GOVINFO_KEYLESS_COMMAND", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
