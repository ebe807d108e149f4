"""A new topic is files: a made-up topic, added to a copy of the project as the README says,
passes the check, is opened by its intent and read in the lesson, and the topic tests pass.

The repository is copied to a temporary folder and the README's topic steps
are followed there in every locale, each in its own words
(tests/locales/<locale>.yaml, ``new_topic``): the topic and a quiz question on
it in the content, its intent with samples in the model, phrasings that reach
it, and the routing table's one line. Then the copy's own check and the tests
that concern topics run on it: the model defines exactly the routed intents,
every topic is opened by its intent and read, quizzed and taught in order,
the phrasing corpus asks for it, and the engine and the endpoint answer alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import ROOT
from tests.copies import MODELS, copy_repository, readme_section, run
from tests.locales import LOCALES, expected

TOPIC = "new_topic"
INTENT = "NewTopicIntent"
ROUTING = Path("skill/routing.py")
# The routing table's line for the topic (README: "one line").
ROUTE = f'    "{INTENT}": Route(Action.TOPIC, "{TOPIC}"),\n'
# Every file a topic touches: per locale the content, the model and the phrasing
# corpus; the routing table once; and the snapshot of every answer, written again.
TOPIC_FILES = (
    "content/{locale}.yaml",
    f"{MODELS.as_posix()}/{{locale}}.json",
    "tests/phrasings/{locale}.tsv",
    ROUTING.as_posix(),
    "tests/snapshots/",
)
# The tests about topics, run in the copy: whole files where every test is about the
# content, the model and the routing table; of the quiz's and the phrasings', those about
# the bank and the corpus. (The others need the recogniser trained again on the copy's
# model, seconds a locale, and the walk's go through every reachable turn again: the
# suite runs them on the shipped topics.)
RUN_WITH_THE_NEW_TOPIC = (
    "tests/test_interaction_model.py",
    "tests/test_content.py",
    "tests/test_page_coverage.py",
    "tests/test_lesson.py",
    "tests/test_driver.py",
    "tests/test_quiz.py::test_the_bank_covers_every_part_of_the_page_and_getting_help",
    "tests/test_quiz.py::test_every_question_is_on_a_sentence_the_lesson_speaks",
    "tests/test_quiz.py::test_every_question_comes_from_the_content",
    "tests/test_quiz.py::test_every_answer_and_next_question_fits_in_one_turn",
    "tests/test_phrasings.py::test_every_topic_is_asked_for_in_the_corpus",
)
NOT_HERE = "every_reachable or reachable_yes"  # the tests of test_lesson.py that walk


def add_topic(root: Path) -> None:
    """The README's steps for a topic, in every locale, with files only."""
    for locale in LOCALES:
        words = expected(locale).new_topic
        content_file = root / f"content/{locale}.yaml"
        content: dict[str, Any] = yaml.safe_load(content_file.read_text(encoding="utf-8"))
        # Read in the lesson before the safety tips: the topic before them now offers it.
        first_tip = content["tip_categories"][0]
        topics = content["topics"]
        before = next(n for n, topic in enumerate(topics) if topic["then"] == first_tip)
        topics[before]["then"] = TOPIC
        topics.insert(
            before + 1,
            {
                "id": TOPIC,
                "title": words.title,
                "offer": words.offer,
                "style": "prose",
                "page_size": 2,
                "items": [words.item],
                "then": first_tip,
            },
        )
        question = {"kind": "true_false", "text": words.item, "answer": True}
        source = {"source": words.item, "explain": words.item}
        content["quiz"]["questions"].append({"id": TOPIC, **question, **source})
        dumped = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000)
        content_file.write_text(dumped, encoding="utf-8")

        model_file = root / MODELS / f"{locale}.json"
        model = json.loads(model_file.read_text(encoding="utf-8"))
        model["interactionModel"]["languageModel"]["intents"].append(
            {"name": INTENT, "slots": [], "samples": list(words.samples)}
        )
        model_file.write_text(json.dumps(model, indent=2, ensure_ascii=False), encoding="utf-8")

        corpus = root / f"tests/phrasings/{locale}.tsv"
        rows = "".join(f"{said}\t{INTENT}\t-\t-\tstudent\n" for said in words.phrasings)
        corpus.write_text(corpus.read_text(encoding="utf-8") + rows, encoding="utf-8")

    routing = root / ROUTING
    lines = routing.read_text(encoding="utf-8").splitlines(keepends=True)
    last_topic = max(n for n, line in enumerate(lines) if "Route(Action.TOPIC, " in line)
    routing.write_text("".join([*lines[: last_topic + 1], ROUTE, *lines[last_topic + 1 :]]))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repository(tmp_path_factory.mktemp("new-topic"))
    add_topic(root)
    return root


def test_the_routing_table_gained_one_line(scratch: Path) -> None:
    before = (ROOT / ROUTING).read_text(encoding="utf-8").splitlines(keepends=True)
    after = (scratch / ROUTING).read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(after) == len(before) + 1 and ROUTE in after
    assert [line for line in after if line != ROUTE] == before


def test_the_check_is_clean_with_the_new_topic(scratch: Path) -> None:
    checked = run(scratch, "-m", "skill", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1].startswith(f"ok: {len(LOCALES)} interaction model(s)")


# Said in every locale of the copy, routed by its routing table: the topic by its intent, then yes.
HEARD = """
import json, sys
from skill.content import default_library
from tests.conversation import Conversation

intent, *locales = sys.argv[1:]
heard = {}
for locale in locales:
    talk = Conversation.engine(default_library().for_locale(locale))
    heard[locale] = [talk.say(intent).text, talk.yes().text, talk.state.topic]
print(json.dumps(heard))
"""


def test_the_new_topic_is_heard_by_its_intent_and_offers_the_next(scratch: Path) -> None:
    said = run(scratch, "-c", HEARD, INTENT, *LOCALES)
    assert said.returncode == 0, said.stderr[-2000:]
    heard = json.loads(said.stdout)
    for locale in LOCALES:
        content = yaml.safe_load((scratch / f"content/{locale}.yaml").read_text("utf-8"))
        following = next(t for t in content["topics"] if t["id"] == content["tip_categories"][0])
        opened, then, topic = heard[locale]
        assert opened == f"{expected(locale).new_topic.item} {following['offer']}", locale
        assert topic == following["id"] and following["items"][0] in then, (locale, then)


def test_the_topic_tests_pass_with_the_new_topic(scratch: Path) -> None:
    tested = run(
        scratch,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-k",
        f"not ({NOT_HERE})",
        *RUN_WITH_THE_NEW_TOPIC,
    )
    assert tested.returncode == 0, tested.stdout[-4000:] + tested.stderr[-2000:]
    assert re.search(r"\d+ passed", tested.stdout), tested.stdout[-2000:]


def test_the_readme_names_every_file_a_new_topic_touches() -> None:
    steps = readme_section("Changing the skill: adding a topic or a mode")
    recipe = steps.split("A **mode**")[0]
    for pattern in TOPIC_FILES:
        folder, _, name = pattern.rstrip("/").rpartition("/")
        assert name.format(locale="<locale>") in recipe, pattern
        assert not folder or folder.split("/")[-1] in recipe, pattern
