"""The lexical index and IDF tables are kept on disk per version of the catalog."""
from kcassistant.store.snapshot import Snapshot

from records import article, news, snapshot


def test_a_stored_index_is_loaded_and_answers_the_same(tmp_path):
    chunks = [news(t, position=i) for i, t in enumerate(["kinh phí khuyến công", "làng nghề", "cơ sở công nghiệp"])]
    tokens = [["kinh_phí", "khuyến_công"], ["làng_nghề"], ["cơ_sở", "công_nghiệp"]]
    built = Snapshot.build("v1", chunks, tokens, tmp_path)
    assert (tmp_path / "bm25" / "key.txt").is_file() and (tmp_path / "idf.json").is_file()
    loaded = Snapshot.build("v1", chunks, [[] for _ in tokens], tmp_path)  # not rebuilt from these
    assert list(loaded.lexical.scores(["làng_nghề"])) == list(built.lexical.scores(["làng_nghề"]))
    assert loaded.term_idf == built.term_idf and loaded.idf == built.idf


def test_another_version_or_content_is_built_again(tmp_path):
    chunks = [news("a", position=0), news("b", position=1)]
    Snapshot.build("v1", chunks, [["làng_nghề"], ["cơ_sở"]], tmp_path)
    again = Snapshot.build("v2", chunks, [["khuyến_công"], ["cơ_sở"]], tmp_path)
    assert again.lexical.scores(["khuyến_công"])[0] > 0 and "làng_nghề" not in again.term_idf


def test_a_damaged_store_is_rebuilt(tmp_path):
    chunks = [news("a", position=0), news("b", position=1)]
    Snapshot.build("v1", chunks, [["làng_nghề"], ["cơ_sở"]], tmp_path)
    for f in (tmp_path / "bm25").glob("*.npy"):
        f.write_bytes(b"broken")
    (tmp_path / "idf.json").write_text("{", encoding="utf-8")
    again = Snapshot.build("v1", chunks, [["làng_nghề"], ["cơ_sở"]], tmp_path)
    assert again.lexical.scores(["làng_nghề"])[0] > 0 and "làng_nghề" in again.term_idf


def test_writers_sharing_a_data_folder_all_get_a_whole_index(tmp_path):
    """Two processes (a CLI and the app, say) may build the same stored tables at once."""
    from concurrent.futures import ThreadPoolExecutor

    chunks = [news(t, position=i) for i, t in enumerate(["kinh phí", "làng nghề", "cơ sở"])]
    tokens = [["kinh_phí"], ["làng_nghề"], ["cơ_sở"]]
    for round_ in range(3):
        version = f"v{round_}"
        with ThreadPoolExecutor(6) as pool:
            built = list(pool.map(lambda _, v=version: Snapshot.build(v, chunks, tokens, tmp_path), range(6)))
        assert all(b.lexical.scores(["làng_nghề"])[1] > 0 for b in built)
        assert not list(tmp_path.glob("*.new"))  # no writer's staging left behind
        loaded = Snapshot.build(version, chunks, [[] for _ in tokens], tmp_path)  # a whole one was kept
        assert loaded.lexical.scores(["làng_nghề"])[1] > 0


def test_the_passages_of_an_article_number_are_found_without_a_scan():
    chunks = [article("5", "Nguồn", "Kinh phí.", position=0), news("Tin.", position=1),
              article("5", "Khác", "Nội dung.", doc_number="98/2030/NĐ-CP", source="khac.txt", position=2),
              article("6", "Quản lý", "Bộ quản lý.", position=3)]
    shot = snapshot(chunks)
    assert [shot.chunks[i].heading for i in shot.with_article("5")] == ["Điều 5. Nguồn", "Điều 5. Khác"]
    assert shot.with_article("7") == ()


def test_words_are_read_one_passage_at_a_time_when_the_stores_hold(tmp_path):
    chunks = [news("Làng nghề truyền thống.", position=0), news("Cơ sở công nghiệp.", position=1)]
    Snapshot.build("v1", chunks, [["làng_nghề"], ["cơ_sở"]], tmp_path)
    asked: list[str] = []

    def never() -> list[list[str]]:
        raise AssertionError("every passage's words were read although the stores hold")

    def one(chunk_id: str) -> list[str]:
        asked.append(chunk_id)
        return ["cơ_sở"]

    loaded = Snapshot.build("v1", chunks, never, tmp_path, one)
    assert loaded.words_of(chunks[1]) == frozenset({"cơ_sở"}) and asked == [chunks[1].id]


def test_a_large_collection_keeps_word_statistics_of_its_own(monkeypatch):
    """Among a body of law, a programme's words are rare; within its own few passages they are what
    every passage says. Each passage is weighed by its own collection's statistics, as if that
    collection were alone; in a library of one collection, by the whole library's."""
    from kcassistant.store import snapshot as module
    monkeypatch.setattr(module, "LARGE_COLLECTION", 3)
    law = [article(str(i), "Giấy phép", f"Giấy phép lái xe hạng {i}.", source=f"luat-{i}.txt") for i in range(4)]
    programme = [news(t, source="tin.txt", position=i) for i, t in
                 enumerate(["Kinh phí khuyến công năm 2030.", "Hội nghị khuyến công năm 2030."])]
    chunks = law + programme
    tokens = [["giấy_phép", "lái_xe"]] * 4 + [["kinh_phí", "khuyến_công"], ["hội_nghị", "khuyến_công"]]
    assert module.groups_of(["/phapdien/"] * 4 + ["/knowledge/"] * 2) == ["/phapdien/"] * 4 + ["", ""]
    assert module.groups_of(["/knowledge/"] * 6) == [""] * 6  # one collection, however large
    mixed = Snapshot.build("v1", chunks, tokens, collections=["/phapdien/"] * 4 + ["/knowledge/"] * 2)
    own = mixed.statistics_of(programme[0].id)
    assert own.term_idf["khuyến_công"] < mixed.term_idf["khuyến_công"]
    assert own.term_idf == Snapshot.build("v1", programme, tokens[4:]).term_idf  # as if alone
    assert "khuyến_công" not in mixed.statistics_of(law[0].id).term_idf
    alone = Snapshot.build("v1", chunks, tokens)
    assert alone.statistics_of(programme[0].id).term_idf == alone.term_idf


def test_collection_statistics_are_kept_with_the_stored_tables(tmp_path, monkeypatch):
    from kcassistant.store import snapshot as module
    monkeypatch.setattr(module, "LARGE_COLLECTION", 2)
    chunks = [news(t, position=i) for i, t in enumerate(["a", "b", "c"])]
    tokens = [["làng_nghề"], ["làng_nghề"], ["cơ_sở"]]
    roots = ["/law/", "/law/", "/programme/"]
    built = Snapshot.build("v1", chunks, tokens, tmp_path, collections=roots)
    loaded = Snapshot.build("v1", chunks, [[] for _ in tokens], tmp_path, collections=roots)
    assert loaded.statistics_of(chunks[2].id) == built.statistics_of(chunks[2].id) != built.statistics_of(chunks[0].id)


def test_a_passage_outside_every_collection_is_weighed_by_the_whole_library(monkeypatch):
    """Two large collections and no small one: no shared statistics to fall back on."""
    from kcassistant.store import snapshot as module
    monkeypatch.setattr(module, "LARGE_COLLECTION", 1)
    chunks = [news(t, position=i) for i, t in enumerate(["a", "b"])]
    both = Snapshot.build("v1", chunks, [["làng_nghề"], ["cơ_sở"]], collections=["/law/", "/programme/"])
    assert both.statistics_of("not-a-passage").term_idf == both.term_idf
    assert both.statistics_of(chunks[0].id).term_idf != both.term_idf


def test_a_page_titled_by_a_numbered_type_alone_is_not_named_by_that_type():
    """A page whose title is only "Thông tư" (its number lost) is not what every "Thông tư …" question
    names when the library numbers other circulars; "Hiến pháp", the only one of its kind, is named."""
    from dataclasses import replace

    numbered = article("1", "Phạm vi", "Thông tư này quy định về khuyến công.", doc_number="36/2031/TT-BCT",
                       doc_type="Thông tư", source="tt.txt")
    bare = replace(article("4", "Hiệu lực", "Thông tư này có hiệu lực từ năm 1994.", doc_type="Thông tư",
                           source="trang.txt"), doc_number=None, title="Thông tư")
    charter = replace(article("2", "Quyền", "Mọi người có quyền.", doc_type="Hiến pháp", source="hp.txt"),
                      doc_number=None, title="Hiến pháp")
    names = snapshot([numbered, bare, charter]).document_names
    assert "thông tư" not in names and names.get("hiến pháp") == frozenset({"Hiến pháp"})
    assert "thông tư" in snapshot([bare]).document_names  # the only circular of its library
