"""Names of intents, slots and slot types the skill's code refers to.

Which intents the skill answers, and how, is the routing table's business
(skill/routing.py); a topic's own intent is named there only.
"""

SAFETY_TIPS = "SafetyTipsIntent"
RANDOM_TIP = "RandomTipIntent"
SOURCE = "SourceIntent"
MENU = "MenuIntent"
THANKS = "ThanksIntent"
MORE = "MoreIntent"
GET_HELP = "GetHelpIntent"
DANGER = "DangerIntent"
EMERGENCY = "EmergencyIntent"
UNSAFE_HOME = "UnsafeHomeIntent"
SUICIDE = "SuicideIntent"
SEXUAL_ASSAULT = "SexualAssaultIntent"
HOTLINE_DETAIL = "HotlineDetailIntent"
OTHER_LINE = "OtherLineIntent"
QUIZ = "QuizIntent"
QUIZ_ANSWER = "QuizAnswerIntent"
QUIZ_PASS = "QuizPassIntent"
QUIZ_QUESTION = "QuizQuestionIntent"
QUIZ_SCORE = "QuizScoreIntent"
QUIZ_END = "QuizEndIntent"
LANGUAGE = "LanguageIntent"
LESSON = "LessonIntent"
LIST_ITEM = "ListItemIntent"
OFF_TOPIC = "OffTopicIntent"

CATEGORY_SLOT = "category"
CATEGORY_TYPE = "CategoryType"
DETAIL_SLOT = "detail"
DETAIL_TYPE = "HotlineDetailType"
LINE_SLOT = "line"
LINE_TYPE = "HelpLineType"
ANSWER_SLOT = "answer"
# More letters said at once ("B B B", "A! B!"): judged only when all are the same.
MORE_ANSWER_SLOTS = ("answer_two", "answer_three")
ANSWER_TYPE = "QuizAnswerType"
ITEM_SLOT = "item"
ITEM_TYPE = "ListItemType"

# The intents by which someone asks for help: each gets a help line at once.
HELP_INTENTS = (
    GET_HELP,
    DANGER,
    EMERGENCY,
    UNSAFE_HOME,
    SUICIDE,
    SEXUAL_ASSAULT,
    HOTLINE_DETAIL,
    OTHER_LINE,
)

HELP = "AMAZON.HelpIntent"
STOP = "AMAZON.StopIntent"
CANCEL = "AMAZON.CancelIntent"
FALLBACK = "AMAZON.FallbackIntent"
NAVIGATE_HOME = "AMAZON.NavigateHomeIntent"
START_OVER = "AMAZON.StartOverIntent"
REPEAT = "AMAZON.RepeatIntent"
YES = "AMAZON.YesIntent"
NO = "AMAZON.NoIntent"
NEXT = "AMAZON.NextIntent"
PREVIOUS = "AMAZON.PreviousIntent"

# The answers that say this skill does not do what was asked: words not
# understood (the fallback, with the help line) and a question it cannot answer.
OUT_OF_DOMAIN = (FALLBACK, OFF_TOPIC)
