"""Reading models at a git revision (``REV:PATH``) without touching the work tree."""

from __future__ import annotations

import os

import pytest
from gitrepo import GitRepo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.sources.git import (
    GitSourceError,
    Repository,
    RevPath,
    SideError,
    load_side,
    revision_spec,
    split_rev_path,
)
from goldenthread.model.validate import SchemaError

MODEL = """
aims:
  a1:
    title: One
themes:
  t1:
    title: Theme
    aims: [a1]
"""


@pytest.fixture
def repo(tmp_path, monkeypatch) -> GitRepo:
    r = GitRepo(tmp_path / "repo")
    r.write("strategy/aims.yaml", MODEL)
    r.write("strategy/notes.txt", "not a model file\n")
    r.commit("First")
    monkeypatch.chdir(r.path)
    return r


class TestSplit:
    def test_rev_and_path(self):
        assert split_rev_path("HEAD~1:model") == RevPath("HEAD~1", "model")
        assert split_rev_path("v1.0:./a/b.yaml") == RevPath("v1.0", "./a/b.yaml")
        assert str(RevPath("main", "m")) == "main:m"

    def test_plain_paths_are_not_revisions(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        (tmp_path / "odd:name.yaml").write_text("aims: {}\n")
        assert split_rev_path("odd:name.yaml") is None
        assert split_rev_path("model") is None
        assert split_rev_path(":model") is None


class TestLoad:
    def test_a_folder_at_a_revision(self, repo):
        model, root = load_side("HEAD:strategy", "OLD")
        assert list(model.aims) == ["a1"]
        assert model.files == ("HEAD:strategy/aims.yaml",)
        assert root == "HEAD:strategy"
        assert str(model.aims["a1"].pos) == "HEAD:strategy/aims.yaml:2:3"

    def test_a_file_at_a_revision_and_paths_from_here(self, repo, monkeypatch):
        monkeypatch.chdir(repo.path / "strategy")
        model, root = load_side("HEAD:./aims.yaml", "OLD")
        assert model.files == ("HEAD:strategy/aims.yaml",)
        assert root == "HEAD:strategy"
        assert revision_spec("HEAD", ".") == "HEAD:strategy"
        assert revision_spec("HEAD", "aims.yaml") == "HEAD:strategy/aims.yaml"

    def test_an_older_revision_is_read_while_the_work_tree_differs(self, repo):
        repo.write("strategy/aims.yaml", MODEL.replace("title: One", "title: Two"))
        repo.commit("Rename")
        repo.write("strategy/aims.yaml", "not: [valid\n")
        status = repo.git("status", "--porcelain")
        index = os.stat(repo.path / ".git" / "index").st_mtime_ns
        assert load_side("HEAD~1:strategy", "OLD")[0].aims["a1"].title == "One"
        assert load_side("HEAD:strategy", "NEW")[0].aims["a1"].title == "Two"
        # Nothing in the work tree or the index moved.
        assert os.stat(repo.path / ".git" / "index").st_mtime_ns == index
        assert repo.git("status", "--porcelain") == status
        assert (repo.path / "strategy/aims.yaml").read_text() == "not: [valid\n"

    def test_the_top_of_the_repository(self, repo):
        model, root = load_side("HEAD:", "OLD")
        assert model.files == ("HEAD:strategy/aims.yaml",)
        assert root == "HEAD:"


class TestErrors:
    def test_an_empty_name(self, repo):
        with pytest.raises(GitSourceError, match=r"^NEW: the name of the model is empty$"):
            load_side("", "NEW")

    def test_not_a_repository(self, tmp_path):
        with pytest.raises(GitSourceError, match=f"^OLD \\(HEAD:m\\): not a git repository: {tmp_path}$"):
            load_side("HEAD:m", "OLD", cwd=tmp_path)

    def test_unknown_revision(self, repo):
        with pytest.raises(GitSourceError) as e:
            load_side("nosuch:strategy", "BASELINE")
        assert str(e.value) == f"BASELINE (nosuch:strategy): unknown revision 'nosuch' in {repo.path}"

    def test_missing_path(self, repo):
        with pytest.raises(GitSourceError) as e:
            load_side("HEAD:strategy/none.yaml", "NEW")
        assert str(e.value) == "NEW (HEAD:strategy/none.yaml): no such file or folder 'strategy/none.yaml' at HEAD"

    def test_outside_the_repository(self, repo):
        with pytest.raises(GitSourceError) as e:
            load_side("HEAD:../elsewhere", "OLD")
        assert str(e.value) == f"OLD (HEAD:../elsewhere): '../elsewhere' is outside the repository {repo.path}"

    def test_a_folder_with_no_model_file(self, repo):
        repo.write("empty/readme.txt", "nothing\n")
        repo.commit("Empty folder")
        with pytest.raises(SideError) as e:
            load_side("HEAD:empty", "OLD")
        assert str(e.value) == "OLD (HEAD:empty):1:1: error[schema] folder holds no *.yaml or *.yml files"

    def test_a_file_that_does_not_parse_names_its_place(self, repo):
        repo.write("strategy/aims.yaml", "aims:\n  a1:\n    title: [One\n")
        repo.commit("Broken")
        with pytest.raises(SideError) as e:
            load_side("HEAD:strategy", "NEW")
        assert str(e.value) == (
            "NEW (HEAD:strategy/aims.yaml):3:12: error[schema] invalid YAML: while parsing a flow sequence: "
            "did not find expected ',' or ']'"
        )

    def test_a_model_that_does_not_validate(self, repo):
        repo.write("strategy/aims.yaml", MODEL.replace("aims: [a1]", "aims: [a2]"))
        repo.commit("Dangling")
        with pytest.raises(SideError) as e:
            load_side("HEAD:strategy", "NEW")
        assert str(e.value) == (
            "NEW (HEAD:strategy/aims.yaml):7:12: error[schema] 'aims' of theme 't1' names unknown aim 'a2'"
        )
        assert not isinstance(e.value, SchemaError)


class TestLog:
    def test_commits_that_touched_the_path_newest_first(self, repo):
        repo.write("other.txt", "x\n")
        repo.commit("Unrelated")
        repo.write("strategy/aims.yaml", MODEL + "  # comment\n")
        repo.commit("Touch the model")
        with Repository() as r:
            assert [c.subject for c in r.log(["strategy"])] == ["Touch the model", "First"]
            assert [c.subject for c in r.log(["strategy"], "HEAD~1..HEAD")] == ["Touch the model"]
            assert [c.subject for c in r.log(["strategy"], max_count=1)] == ["Touch the model"]
            assert r.log(["strategy"])[0].date == "2025-01-03T10:00:00+00:00"
            with pytest.raises(GitSourceError, match=r"unknown revision or range 'nosuch\.\.HEAD'"):
                r.log(["strategy"], "nosuch..HEAD")
            with pytest.raises(GitSourceError, match="invalid revision range '--all'"):
                r.log(["strategy"], "--all")

    def test_a_repository_with_no_commit(self, tmp_path, monkeypatch):
        r = GitRepo(tmp_path / "new")
        with Repository(r.path) as repo:
            assert repo.log(["model"]) == []


class TestHostileNames:
    def test_a_file_over_the_size_limit_is_not_read(self, repo, monkeypatch):
        from goldenthread.model.sources import git as gitsource

        monkeypatch.setattr(gitsource, "MAX_BYTES", 16)
        with pytest.raises(SideError) as e:
            load_side("HEAD:strategy/aims.yaml", "OLD")
        size = len(MODEL.lstrip("\n").encode())
        assert str(e.value) == (
            f"OLD (HEAD:strategy/aims.yaml):1:1: error[schema] file is {size} bytes, over the 16-byte limit"
        )
        # The process goes on reading after the object it skipped.
        monkeypatch.setattr(gitsource, "MAX_BYTES", 1 << 20)
        assert list(load_side("HEAD:strategy", "OLD")[0].aims) == ["a1"]

    @pytest.mark.parametrize("path", ["with space missing", "a missing", "x ambiguous", "tab\there", "ü/ñ"])
    def test_names_that_look_like_git_answers(self, repo, path):
        with pytest.raises(GitSourceError) as e:
            load_side(f"HEAD:{path}", "OLD")
        assert str(e.value) == f"OLD (HEAD:{path}): no such file or folder {path!r} at HEAD"

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30))
    def test_any_spec_loads_or_fails_with_a_library_error(self, repo, text):
        spec = text if ":" in text else f"HEAD:{text}"
        try:
            load_side(spec, "OLD")
        except GoldenthreadError as e:
            assert str(e).startswith("OLD")
