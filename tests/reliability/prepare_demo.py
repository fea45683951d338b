"""Run by the reliability fixtures in a subprocess, with the app's environment.

Migrates the database named by ``DATABASE_URL``, loads the demo content and prints, as
JSON, the variables of every contract operation, chosen as the contract examples choose
them (``tests/contract/test_examples.py``: the seed issue's slug, a person's id, a
preview token of a draft of the seed issue …).
"""

import io
import json

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo", stdout=io.StringIO())

    from tests.contract.test_examples import VARIABLES

    print(json.dumps({name: make_variables() for name, make_variables in VARIABLES.items()}))


if __name__ == "__main__":
    main()
