"""The staff console's rules (issue 7): permissions, the conversation index and the NLU export.

Plain functions without a web framework, so the console's routes stay thin.
"""
