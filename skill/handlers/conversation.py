"""Loading the conversation, answering it, and saving it, on ask-sdk-core.

A request interceptor loads the locale's content and the state from the
session attributes; one generic handler routes every request the skill
answers (skill.routing) into the conversation engine (skill.engine) and
builds the response; a response interceptor saves the state back into the
session attributes.

On a device with a screen (the Alexa.Presentation.APL interface), a reply with
a screen also sends its APL document. A page the screen can read aloud is sent
as the document and the commands that read it (RenderDocument and
ExecuteCommands), with no outputSpeech and ``shouldEndSession`` left out; the
screen then sends the ``readAlongDone`` event, answered with the rest of the
turn (skill.modes.shared.read_along_done). docs/screens.md explains why.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, cast

from ask_sdk_core.dispatch_components import (
    AbstractRequestHandler,
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces
from ask_sdk_model import Response
from ask_sdk_model.interfaces.alexa.presentation.apl import (
    ExecuteCommandsDirective,
    RenderDocumentDirective,
)
from ask_sdk_model.ui import SimpleCard

from skill import engine
from skill import screen as apl
from skill.content import Content, Library
from skill.modes.base import Request
from skill.render import Rendered, render
from skill.reply import Reply
from skill.routing import to_request
from skill.serializer import FastSerializer
from skill.state import FRESH, State, to_attributes

CONTENT = "content"
STATE = "state"
ASKED = "asked"  # the request as the routing table names it (asked_for)
SHOWN = "shown"  # in Rendered.made: the card and directives (shown)
# Serialises the shared card and directives once (the same for any FastSerializer).
SHARING = FastSerializer()


def request_type(handler_input: HandlerInput) -> str | None:
    request: Any = handler_input.request_envelope.request
    value = getattr(request, "object_type", None)
    return value if isinstance(value, str) else None


def has_session(handler_input: HandlerInput) -> bool:
    return handler_input.request_envelope.session is not None


def loaded(handler_input: HandlerInput, library: Library) -> tuple[Content, State]:
    """The content and state the request interceptor loaded (defaults if it did not run)."""
    attributes = handler_input.attributes_manager.request_attributes
    content = attributes.get(CONTENT)
    state = attributes.get(STATE)
    return (
        content if isinstance(content, Content) else library.for_locale(None),
        state if isinstance(state, State) else FRESH,
    )


def save(handler_input: HandlerInput, state: State) -> None:
    """Write ``state`` into the session attributes of the response (if there is a session)."""
    if has_session(handler_input):
        handler_input.attributes_manager.session_attributes = to_attributes(state)


def has_screen(handler_input: HandlerInput) -> bool:
    """Whether the device shows APL documents (it lists the Alexa.Presentation.APL interface)."""
    try:
        interfaces = get_supported_interfaces(handler_input)
    except AttributeError:  # no context, system or device
        return False
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


@dataclass(frozen=True)
class Shown:
    """The SDK objects a rendering sends besides speech, made once (FastSerializer.share)."""

    card: SimpleCard | None
    document: RenderDocumentDirective | None  # on a device with a screen
    read_along: ExecuteCommandsDirective | None  # the commands that read it aloud, if any


def shown(rendered: Rendered) -> Shown:
    """The card and directives of ``rendered``, made and serialised once per rendering.

    What ``apl.render_directive`` and ``apl.execute_commands_directive`` make,
    from the parts the rendering encoded once; shared by every response that
    sends them.
    """
    made = rendered.made.get(SHOWN)
    if isinstance(made, Shown):
        return made
    card = document = read_along = None
    if rendered.card_title is not None and rendered.card_text is not None:
        card = SHARING.share(SimpleCard(title=rendered.card_title, content=rendered.card_text))
    if rendered.screen is not None and rendered.datasources is not None:
        kind = rendered.screen.kind
        token = apl.document_token(kind)
        document = SHARING.share(
            RenderDocumentDirective(
                token=token, document=apl.render_document(kind), datasources=rendered.datasources
            )
        )
        if rendered.commands:
            read_along = SHARING.share(
                ExecuteCommandsDirective(commands=cast(Any, list(rendered.commands)), token=token)
            )
    made = rendered.made[SHOWN] = Shown(card, document, read_along)
    return made


def respond(
    handler_input: HandlerInput,
    content: Content,
    reply: Reply,
    *,
    on_screen: bool = False,
    read_along: bool = False,
) -> Response:
    """The response presenting ``reply``.

    ``on_screen``: the device shows APL documents, so a reply with a screen
    sends it. ``read_along``: the screen may read the reply's lead and items
    aloud (the state can finish the turn when it reports back).
    """
    rendered = render(content, reply)
    parts = shown(rendered)
    builder = handler_input.response_builder
    if parts.card is not None:
        builder.set_card(parts.card)
    if on_screen and parts.document is not None:
        builder.add_directive(parts.document)
        if read_along and parts.read_along is not None:
            # The screen speaks; the rest of the turn answers its readAlongDone event.
            builder.add_directive(parts.read_along)
            return builder.response
    builder.speak(rendered.ssml)
    if rendered.reprompt is not None:
        builder.ask(rendered.reprompt)
    builder.set_should_end_session(reply.end_session)
    return builder.response


class LoadConversation(AbstractRequestInterceptor):
    """Content for the request's locale, and the state its session attributes hold."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def process(self, handler_input: HandlerInput) -> None:
        request: Any = handler_input.request_envelope.request
        locale = getattr(request, "locale", None)
        content = self.library.for_locale(locale if isinstance(locale, str) else None)
        attributes = handler_input.attributes_manager
        state = FRESH
        if has_session(handler_input):
            state, _usable = engine.load_state(content, attributes.session_attributes)
        attributes.request_attributes[CONTENT] = content
        attributes.request_attributes[STATE] = state


class SaveConversation(AbstractResponseInterceptor):
    """The state after this turn, into the session attributes."""

    def __init__(self, library: Library) -> None:
        self.library = library

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        save(handler_input, loaded(handler_input, self.library)[1])


class ConversationHandler(AbstractRequestHandler):
    """Every request the routing table names, answered by the conversation engine."""

    def __init__(self, library: Library, rng: random.Random) -> None:
        self.library = library
        self.rng = rng

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return asked_for(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        asked = asked_for(handler_input)
        content, state = loaded(handler_input, self.library)
        if asked is None:  # pragma: no cover - can_handle said otherwise
            raise LookupError("no route")
        answered = engine.turn(content, state, asked, self.rng)
        handler_input.attributes_manager.request_attributes[STATE] = answered.state
        on_screen = has_screen(handler_input)
        read_along = on_screen and answered.replays
        return respond(
            handler_input, content, answered.reply, on_screen=on_screen, read_along=read_along
        )


def asked_for(handler_input: HandlerInput) -> Request | None:
    """The routing table's :class:`~skill.modes.base.Request` for this request, or None.

    Found once a request (``can_handle`` asks, then ``handle``): kept in the
    request attributes.
    """
    manager = handler_input.attributes_manager
    kept = manager.request_attributes if manager is not None else {}
    if ASKED in kept:
        return cast("Request | None", kept[ASKED])
    request: Any = handler_input.request_envelope.request
    asked = to_request(
        request_type(handler_input),
        getattr(request, "intent", None),
        token=getattr(request, "token", None),
        arguments=getattr(request, "arguments", None),
    )
    kept[ASKED] = asked
    return asked
