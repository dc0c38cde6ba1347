"""Dutch NLP for Weerbaar: reading transcripts, segmenting, coding, topics.

Never imports streamlit.
"""
