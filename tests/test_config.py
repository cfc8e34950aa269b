"""Config: defaults read nothing; from_env applies the KC_* variables that are set."""
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from kcassistant.config import ENVIRONMENT, Config


def test_defaults_ignore_the_environment(monkeypatch):
    monkeypatch.setenv("KC_EMBED_MODEL", "st:/elsewhere")
    assert Config().embed_model == "e5"


def test_from_env_reads_every_documented_variable():
    env = {"KC_DATA_DIR": "/tmp/kc", "KC_CHROMA_URL": "http://127.0.0.1:8000", "KC_EMBED_MODEL": "st:/m",
           "KC_EMBED_SEGMENT": "1", "KC_COLLECTION": "other", "KC_EMBED_MAX_CHARS": "300",
           "KC_API_TOKEN": "t0k", "KC_LLM_URL": "http://127.0.0.1:11434/v1", "KC_LLM_MODEL": "m",
           "KC_LLM_API_KEY": "k", "KC_LLM_TIMEOUT": "2.5", "KC_EMBED_WORKERS": "3", "KC_EMBED_DEVICE": "cuda",
           "KC_EMBED_CLUSTER": "ray://head:10001"}
    config = Config.from_env(env)
    assert set(env) == set(ENVIRONMENT)
    assert (config.data_dir, config.chroma_url, config.embed_model, config.segment_for_embedding,
            config.collection, config.embed_max_chars) == (Path("/tmp/kc"), "http://127.0.0.1:8000", "st:/m",
                                                          True, "other", 300)
    assert (config.api_token, config.llm_url, config.llm_model, config.llm_api_key, config.llm_timeout) == (
        "t0k", "http://127.0.0.1:11434/v1", "m", "k", 2.5)
    assert (config.embed_workers, config.embed_device, config.embed_cluster) == (3, "cuda", "ray://head:10001")


@pytest.mark.parametrize("name, value", [("KC_LLM_TIMEOUT", "soon"), ("KC_LLM_TIMEOUT", "0"),
                                         ("KC_EMBED_MAX_CHARS", "many")])
def test_a_bad_number_names_the_variable(name, value):
    from kcassistant.config import SettingError

    with pytest.raises(SettingError, match=name):
        Config.from_env({name: value})


def test_empty_variables_keep_the_defaults():
    assert Config.from_env({"KC_CHROMA_URL": "", "KC_DATA_DIR": ""}) == Config()


def test_config_is_frozen_and_varied_by_replace(tmp_path):
    config = Config()
    with pytest.raises(FrozenInstanceError):
        config.top_k = 3  # type: ignore[misc]
    assert replace(config, data_dir=tmp_path).catalog_path == tmp_path / "catalog.sqlite3"
