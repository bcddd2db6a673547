"""Hostile input, tried by hypothesis: one deterministic profile, so that CI and a
developer's machine try the same examples and no example database is written."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis caches what it reads in the source (.hypothesis/constants) even without an
# example database: a temporary folder, removed at exit, keeps the working copy clean.
_HOME = tempfile.mkdtemp(prefix="clu-hypothesis-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
set_hypothesis_home_dir(_HOME)

settings.register_profile(
    "ci",
    derandomize=True,  # the same examples on every run: a failure is reproducible
    database=None,  # no .hypothesis/ folder in the working copy
    deadline=None,  # a PDF takes its time on a busy machine; the tests bound time themselves
    max_examples=20,
    print_blob=True,
    # Shrinking a failing PDF example can take minutes: the failure is shown as found.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# HYPOTHESIS_PROFILE=thorough tries many more examples and shrinks failures, by hand.
settings.register_profile(
    "thorough", parent=settings.get_profile("ci"), max_examples=500, phases=list(Phase)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
