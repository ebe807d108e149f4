"""Authoring tools: the command line, the say/chat simulator, the model check, the Lambda builder.

Nothing here answers Alexa in production. Tools may import the runtime package
(:mod:`skill`); no runtime module imports anything from here (a test checks
the imports), so the Lambda package can leave this folder out.
"""
