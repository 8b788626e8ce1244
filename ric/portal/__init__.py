"""The portal (aiohttp): the kiosk chat for detainees, the staff and editor pages, speech.

The browser only ever talks to the portal; the portal talks to Rasa's REST channel on
127.0.0.1 and reads the case store. It never imports the action server.
"""
