import mongoose from 'mongoose';

export async function connect(): Promise<void> {
  // expect: hardcoded-secret
  await mongoose.connect('mongodb+srv://authsvc:Tr0ub4dor3xyz@cluster0.ab1cd.mongodb.net/auth?retryWrites=true');
}

export async function connectLocal(): Promise<void> {
  // ok: hardcoded-secret
  await mongoose.connect(process.env.MONGO_URL ?? 'mongodb://localhost:27017/auth');
}
