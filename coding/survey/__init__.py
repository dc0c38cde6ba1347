"""The survey (enquête): read exports of survey tools, type questions, count, word and chart them.

Pure: no storage, no streamlit. See :mod:`coding.survey.preview` for the
import flow and :mod:`coding.survey.stats` for the figures.
"""
