import os

import aiosqlite
import discord
import httpx
from dotenv import load_dotenv

load_dotenv()
intents = discord.Intents.default()
intents.message_content = True
client = discord.Client(intents=intents)
# ok: hardcoded-secret
BANNED_WORDS_KEY = "moderation:banned-words"


@client.event
async def on_message(message: discord.Message) -> None:
    if message.author.bot:
        return
    async with aiosqlite.connect("moderation.db") as db:
        # expect: sql-injection
        await db.execute(f"INSERT INTO messages (author, content) VALUES ('{message.author}', '{message.content}')")
        # ok: sql-injection
        await db.execute("INSERT INTO seen (author) VALUES (?)", (str(message.author),))
        await db.commit()
    async with httpx.AsyncClient() as http:
        await http.post(os.environ["AUDIT_WEBHOOK"], json={"author": str(message.author)})


# expect: hardcoded-secret
client.run("MTE4NzQ1NjY1NDMyMTA5ODc2.GxYz12.aBcDeFgHiJkLmNoPqRsTuVwXyZ0")
