"""Replicas need no shared state: a run is a pure function of (settings, text).

Two separate processes given the same link train the same run and export the same bytes, so
several app processes behind a load balancer (README, "Hosting a class") all show one link the
same way. Different hash seeds per process: nothing may depend on set or dict-of-str order.
"""
import asyncio
import os
import subprocess
import sys
from pathlib import Path

from tests import loadgen
from tests.serve import serve

ROOT = Path(__file__).resolve().parents[1]
LINK = "steps=2000&dim=6&lr=0.08&window=2&seed=11&dense_steps=40&record_interval=20"
EXPORT = """
import hashlib, sys
from urllib.parse import parse_qs
import w2v
from w2v import export, settings
params = {k: v[-1] for k, v in parse_qs(sys.argv[1]).items()}
config = settings.config_from({s.name: settings.link_value(s, params[s.name])[0]
                               for s in settings.SETTINGS if s.name in params})
run = w2v.train(open(sys.argv[2], encoding="utf-8").read(), config)
digest = hashlib.sha256()
for a in (run.W, run.W_prime, run.losses, run.centers, run.contexts, run.steps):
    digest.update(a.tobytes())
print(config.seed, config.dim, digest.hexdigest(),
      hashlib.sha256(export.export_zip(run, {}, "corpus")).hexdigest())
"""


def _export_in_a_new_process(corpus: Path, hash_seed: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", EXPORT, LINK, str(corpus)], cwd=ROOT, check=True,
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONHASHSEED": hash_seed})
    return out.stdout.split()


def test_two_processes_train_and_export_the_same_bytes_for_one_link(text, tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(text, encoding="utf-8")
    a = _export_in_a_new_process(corpus, "1")
    b = _export_in_a_new_process(corpus, "2")
    assert a[:2] == ["11", "6"]            # the link's settings were read
    assert a == b


def test_two_servers_draw_the_same_page_for_one_link(text, tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(text, encoding="utf-8")
    env = {"W2V_CORPUS": str(corpus), "W2V_CORPUS_SETS": str(tmp_path / "missing.json")}
    visits = []
    for k in range(2):
        with serve(env=env, log_path=tmp_path / f"server{k}.log") as (url, _):
            visits.append(asyncio.run(loadgen.one_visit(url, "embeddings", LINK, timeout=240)))
    assert all(v.ok for v in visits), [(v.failure, v.errors) for v in visits]
    assert visits[0].iframes and visits[0].iframes == visits[1].iframes   # every frame, bit for bit
    assert visits[0].metrics == visits[1].metrics
