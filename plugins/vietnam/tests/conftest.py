"""The national plugin's tests need the plugin installed (``pip install -e plugins/vietnam``).

The README's install command and ``.ci/run`` install it. When it is missing, collection
stops with an error that says how to install it: a run that silently collected none of
these tests would look green while testing nothing.
"""

from importlib.util import find_spec

import pytest

if find_spec("ict_adoption_vietnam") is None:
    raise pytest.UsageError(
        "plugins/vietnam/tests: the national plugin ict-adoption-vietnam is not installed; "
        "install it as the README says (pip install -e plugins/vietnam) before running these tests"
    )
