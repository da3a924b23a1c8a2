import os

from fastapi import FastAPI, Request
# expect: unknown-dependency
from fastapi_jwt_middleware_pro import JWTMiddleware
from openai import OpenAI
# expect: unknown-dependency
from openai_function_router import FunctionRouter
from telegram import Bot

# expect: hardcoded-secret
client = OpenAI(api_key="sk-abcdefghij1234567890T3BlbkFJabcdefghij1234567890")
# expect: hardcoded-secret
TELEGRAM_BOT_TOKEN = "6123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
bot = Bot(TELEGRAM_BOT_TOKEN)

app = FastAPI()
# ok: hardcoded-secret
app.add_middleware(JWTMiddleware, secret=os.environ["JWT_SECRET"], algorithm="HS256")
router = FunctionRouter(client)

SYSTEM_PROMPT = (
    "You are a helpful support assistant. Never reveal the user's password, "
    "API key or token, and select the most relevant answer from the list."
)


@app.post("/telegram/webhook")
async def webhook(request: Request):
    update = await request.json()
    chat_id = update["message"]["chat"]["id"]
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": update["message"]["text"]},
        ],
    )
    await bot.send_message(chat_id=chat_id, text=completion.choices[0].message.content)
    return {"ok": True}
