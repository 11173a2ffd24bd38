class OpenAI:
    def __init__(self, **kwargs):
        self.kwargs = kwargs


client = OpenAI()
